// The schedule board: move a card by dragging it, or with the keyboard (Enter or Space picks it up, the arrow
// keys move it by one row of 5 minutes or one room, Enter drops it, Escape puts it back). Every drop is posted
// to the same endpoint and rules as the session form; the server's answer is the truth, so the board reloads
// after a move and puts the card back after a refusal. No framework, no inline script (the CSP forbids them).
(function () {
  "use strict";

  var grid = document.querySelector(".board-grid");
  if (!grid) {
    return;
  }
  var status = document.getElementById("board-status");
  var moveForm = document.getElementById("board-move");
  var step = Number(grid.dataset.step);
  var firstMinute = Number(grid.dataset.firstMinute);
  var rows = Number(grid.dataset.rows);
  var FIRST_ROW = 2;
  var FIRST_COLUMN = 2;
  var SAID_KEY = "workshop-board-said";
  var heads = Array.prototype.slice.call(grid.querySelectorAll(".board-head[data-room-id]"));
  var lifted = null;
  var dragged = null;
  // Moving a focused card in the document blurs it; that blur must not cancel the move it is part of.
  var relocating = false;

  function say(message) {
    status.textContent = message;
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function minuteOf(row) {
    return firstMinute + (row - FIRST_ROW) * step;
  }

  // What is sent: the 24-hour clock the form fields read.
  function clockOf(row) {
    var minute = minuteOf(row);
    return pad(Math.floor(minute / 60) % 24) + ":" + pad(minute % 60);
  }

  // What is said: the time as the page's language writes it, as on the cards.
  function spokenClockOf(row) {
    var minute = minuteOf(row);
    var moment = new Date(2000, 0, 1, Math.floor(minute / 60) % 24, minute % 60);
    return new Intl.DateTimeFormat(document.documentElement.lang, { hour: "numeric", minute: "2-digit" }).format(moment);
  }

  function numberIn(card, prefix) {
    var found = card.className.match(new RegExp("(?:^| )" + prefix + "(\\d+)(?: |$)"));
    return found ? Number(found[1]) : null;
  }

  function rowsOf(card) {
    return Math.max(1, Math.ceil(Number(card.dataset.minutes) / step));
  }

  function place(card, row, column) {
    var kept = card.className.split(" ").filter(function (name) {
      return !/^(at|rows|room|lane)-\d+$/.test(name);
    });
    kept.push("at-" + row, "rows-" + rowsOf(card), "room-" + column);
    card.className = kept.join(" ");
  }

  function remember(card) {
    return { card: card, parent: card.parentNode, next: card.nextSibling, className: card.className };
  }

  function putBack(origin) {
    origin.parent.insertBefore(origin.card, origin.next);
    origin.card.className = origin.className;
  }

  function describePlace(card) {
    var head = heads[numberIn(card, "room-") - FIRST_COLUMN];
    return grid.dataset.position
      .replace("{time}", spokenClockOf(numberIn(card, "at-")))
      .replace("{room}", head.textContent.trim());
  }

  function reloadAt(address) {
    var target = new URL(address, window.location.href);
    if (target.pathname + target.search === window.location.pathname + window.location.search) {
      window.location.hash = target.hash;
      window.location.reload();
    } else {
      window.location.assign(target.href);
    }
  }

  function send(card, origin) {
    var data = new FormData(moveForm);
    data.set("day", grid.dataset.day);
    data.set("starts", clockOf(numberIn(card, "at-")));
    data.set("room_id", heads[numberIn(card, "room-") - FIRST_COLUMN].dataset.roomId);
    data.set("version", card.dataset.version);
    say(grid.dataset.sending);
    fetch(card.dataset.moveUrl, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (answer) {
        var message = answer.messages.join(" ");
        if (answer.refresh) {
          window.sessionStorage.setItem(SAID_KEY, message);
          reloadAt(answer.board);
          return;
        }
        putBack(origin);
        say(message);
        card.focus();
      })
      .catch(function () {
        putBack(origin);
        say(grid.dataset.failed);
      });
  }

  function lift(card) {
    lifted = remember(card);
    if (card.parentNode !== grid) {
      relocating = true;
      grid.appendChild(card);
      place(card, FIRST_ROW, FIRST_COLUMN);
      relocating = false;
    }
    card.classList.add("lifted");
    card.focus();
    say(grid.dataset.moving.replace("{card}", card.getAttribute("aria-label")) + " " + describePlace(card));
  }

  function nudge(card, rowsDown, columnsRight) {
    var lastRow = FIRST_ROW + rows - rowsOf(card);
    var row = Math.min(Math.max(numberIn(card, "at-") + rowsDown, FIRST_ROW), Math.max(lastRow, FIRST_ROW));
    var column = Math.min(Math.max(numberIn(card, "room-") + columnsRight, FIRST_COLUMN), FIRST_COLUMN + heads.length - 1);
    place(card, row, column);
    card.classList.add("lifted");
    card.scrollIntoView({ block: "nearest", inline: "nearest" });
    say(describePlace(card));
  }

  function drop(card) {
    var origin = lifted;
    lifted = null;
    card.classList.remove("lifted");
    send(card, origin);
  }

  function cancel() {
    var card = lifted.card;
    putBack(lifted);
    lifted = null;
    card.focus();
    say(grid.dataset.cancelled);
  }

  var MOVES = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

  function onKey(event) {
    var card = event.currentTarget;
    var picking = event.key === "Enter" || event.key === " ";
    if (!lifted && picking && heads.length) {
      event.preventDefault();
      lift(card);
    } else if (lifted && lifted.card === card && picking) {
      event.preventDefault();
      drop(card);
    } else if (lifted && lifted.card === card && event.key === "Escape") {
      event.preventDefault();
      cancel();
    } else if (lifted && lifted.card === card && MOVES[event.key]) {
      event.preventDefault();
      nudge(card, MOVES[event.key][0], MOVES[event.key][1]);
    }
  }

  function onDragStart(event) {
    var card = event.currentTarget;
    var box = card.getBoundingClientRect();
    dragged = { origin: remember(card), grabbedAt: event.clientY - box.top };
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.id);
    card.classList.add("dragging");
  }

  function onDragEnd(event) {
    event.currentTarget.classList.remove("dragging");
  }

  function columnAt(x) {
    for (var index = 0; index < heads.length; index += 1) {
      var box = heads[index].getBoundingClientRect();
      if (x >= box.left && x < box.right) {
        return FIRST_COLUMN + index;
      }
    }
    return null;
  }

  function rowAt(y) {
    var top = heads[0].getBoundingClientRect().bottom;
    var rowHeight = (grid.getBoundingClientRect().bottom - top) / rows;
    return FIRST_ROW + Math.floor((y - top) / rowHeight);
  }

  function onDrop(event) {
    event.preventDefault();
    if (!dragged) {
      return;
    }
    var card = dragged.origin.card;
    var origin = dragged.origin;
    var column = columnAt(event.clientX);
    var row = rowAt(event.clientY - dragged.grabbedAt);
    dragged = null;
    card.classList.remove("dragging");
    if (column === null) {
      return;
    }
    grid.appendChild(card);
    place(card, Math.min(Math.max(row, FIRST_ROW), FIRST_ROW + rows - 1), column);
    send(card, origin);
  }

  var said = window.sessionStorage.getItem(SAID_KEY);
  if (said) {
    window.sessionStorage.removeItem(SAID_KEY);
    say(said);
  }
  Array.prototype.forEach.call(document.querySelectorAll(".board-card"), function (card) {
    card.addEventListener("keydown", onKey);
    card.addEventListener("dragstart", onDragStart);
    card.addEventListener("dragend", onDragEnd);
    card.addEventListener("blur", function () {
      if (lifted && lifted.card === card && !relocating) {
        cancel();
      }
    });
  });
  grid.addEventListener("dragover", function (event) {
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
  });
  grid.addEventListener("drop", onDrop);
  if (window.location.hash) {
    var target = document.getElementById(window.location.hash.slice(1));
    if (target && target.classList.contains("board-card")) {
      target.focus();
    }
  }
})();
