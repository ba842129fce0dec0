/* Check-in at the door on a phone: scan badges with the camera or type their code; never lose a scan.

   Every scan goes first into a queue kept in localStorage, then to the server one at a time. A scan
   leaves the queue only when the server has answered it (checked in, already in, or refused, each said
   loudly); without a connection it stays, the page shows how many wait, and sends them again by itself.
   Without JavaScript the form posts as it always did. */
(function () {
  "use strict";

  var RETRY_MILLISECONDS = 4000;
  // The camera sees a badge for a while: the same code read again this soon is the same scan.
  var SAME_SCAN_MILLISECONDS = 4000;
  var LOOK_EVERY_MILLISECONDS = 250;

  var form = document.querySelector("form.check-in[data-scan-url]");
  if (!form || !window.fetch || !window.localStorage) {
    return;
  }
  var text = form.dataset;
  var codeField = form.elements.code;
  var whereField = form.elements.session_id;
  var result = document.getElementById("check-in-result");
  var pending = document.getElementById("check-in-pending");
  var sending = false;
  var retry = null;

  function queued() {
    try {
      return JSON.parse(window.localStorage.getItem(text.queueKey)) || [];
    } catch (error) {
      return [];
    }
  }

  function keep(queue) {
    window.localStorage.setItem(text.queueKey, JSON.stringify(queue));
    showPending(queue.length);
  }

  function showPending(count) {
    pending.hidden = count === 0;
    pending.textContent = count === 1 ? text.pendingOne : text.pendingMany.replace("{count}", String(count));
  }

  function say(outcome, message) {
    result.className = "check-in-result " + outcome;
    result.textContent = message;
    result.hidden = false;
    result.scrollIntoView({ block: "nearest" });
  }

  function add(code, where) {
    var queue = queued();
    queue.push({ id: Date.now() + "-" + Math.random().toString(36).slice(2), code: code, where: where });
    keep(queue);
    send();
  }

  function drop(id) {
    keep(
      queued().filter(function (scan) {
        return scan.id !== id;
      })
    );
  }

  function sendLater() {
    sending = false;
    if (retry === null) {
      retry = window.setTimeout(function () {
        retry = null;
        send();
      }, RETRY_MILLISECONDS);
    }
  }

  function send() {
    var scan = queued()[0];
    if (sending || !scan) {
      return;
    }
    sending = true;
    var body = new FormData();
    body.set("csrf_token", form.elements.csrf_token.value);
    body.set("code", scan.code);
    body.set("session_id", scan.where);
    fetch(text.scanUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      // A lapsed sign-in answers with a redirect to the login page: that is no answer to the scan.
      redirect: "manual",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (response.status !== 200 && response.status !== 422) {
          say("waiting", text.notTaken);
          sendLater();
          return;
        }
        return response.json().then(function (answer) {
          drop(scan.id);
          say(answer.outcome, answer.message);
          sending = false;
          send();
        });
      })
      .catch(function () {
        say("waiting", text.offline);
        sendLater();
      });
  }

  form.addEventListener("submit", function (event) {
    var code = codeField.value.trim();
    if (!code) {
      return; // The server says what is missing, at the field.
    }
    event.preventDefault();
    add(code, whereField.value);
    codeField.value = "";
    codeField.focus({ preventScroll: true });
  });
  window.addEventListener("online", send);

  // --- The camera: the browser's BarcodeDetector where there is one, else jsQR on the video's frames.
  var camera = document.getElementById("check-in-camera");
  var startButton = document.getElementById("camera-start");
  var stopButton = document.getElementById("camera-stop");
  var status = document.getElementById("camera-status");
  var video = document.getElementById("camera-video");
  var canvas = document.createElement("canvas");
  var detector = null;
  var lastCode = "";
  var lastSeen = 0;

  var hasCamera = navigator.mediaDevices && navigator.mediaDevices.getUserMedia;
  if (hasCamera && ("BarcodeDetector" in window || window.jsQR)) {
    camera.hidden = false;
  }

  function readFrame() {
    if (video.readyState < video.HAVE_CURRENT_DATA) {
      return Promise.resolve(null);
    }
    if (detector) {
      return detector.detect(video).then(
        function (codes) {
          return codes.length ? codes[0].rawValue : null;
        },
        function () {
          return null;
        }
      );
    }
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    var context = canvas.getContext("2d", { willReadFrequently: true });
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    var frame = context.getImageData(0, 0, canvas.width, canvas.height);
    var found = window.jsQR(frame.data, frame.width, frame.height, { inversionAttempts: "dontInvert" });
    return Promise.resolve(found ? found.data : null);
  }

  function look() {
    if (!video.srcObject) {
      return;
    }
    readFrame().then(function (code) {
      var now = Date.now();
      if (code && !(code === lastCode && now - lastSeen < SAME_SCAN_MILLISECONDS)) {
        add(code, whereField.value);
      }
      if (code) {
        lastCode = code;
        lastSeen = now;
      }
      window.setTimeout(look, LOOK_EVERY_MILLISECONDS);
    });
  }

  function start() {
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (stream) {
        if ("BarcodeDetector" in window) {
          detector = new window.BarcodeDetector({ formats: ["qr_code"] });
        }
        video.srcObject = stream;
        video.hidden = false;
        startButton.hidden = true;
        stopButton.hidden = false;
        status.textContent = text.aim;
        return video.play().then(look);
      })
      .catch(function () {
        status.textContent = text.noCamera;
      });
  }

  function stop() {
    if (video.srcObject) {
      video.srcObject.getTracks().forEach(function (track) {
        track.stop();
      });
    }
    video.srcObject = null;
    video.hidden = true;
    startButton.hidden = false;
    stopButton.hidden = true;
    status.textContent = "";
  }

  startButton.addEventListener("click", start);
  stopButton.addEventListener("click", stop);

  showPending(queued().length);
  send();
})();
