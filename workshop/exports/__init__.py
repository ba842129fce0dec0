"""Take the agenda along: PDF agendas, iCal feeds and the JSON API, all read from a release's snapshot."""
