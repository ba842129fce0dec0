// Offer the time zone the browser runs in; never apply it. The server converts the times, so pages work without this.
(function () {
  "use strict";
  var detected;
  try {
    detected = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!detected) {
    return;
  }

  // On the agenda, the grid and a session page: a link to the chooser with the detected zone picked.
  document.querySelectorAll(".zone-offer[data-forum-zone]").forEach(function (offer) {
    if (offer.dataset.forumZone === detected) {
      return;
    }
    var link = offer.querySelector("a[data-offer-text]");
    var url = new URL(link.href, window.location.href);
    url.searchParams.set("zone", detected);
    link.href = url.pathname + url.search;
    link.textContent = link.dataset.offerText.replace("{zone}", detected);
    offer.hidden = false;
  });

  // On the chooser, when the page was opened without a zone in mind: pick the browser's, if the list has it.
  var select = document.querySelector("select[data-preselect-detected]");
  if (select && select.querySelector('option[value="' + CSS.escape(detected) + '"]')) {
    select.value = detected;
  }
})();
