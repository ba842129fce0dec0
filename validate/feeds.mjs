// Parse each .ics file named on the command line with ical.js and node-ical; print the problems as JSON.
// ical.js treats a time whose zone it does not know as floating, so every timed value must carry one.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";
import nodeIcal from "node-ical";

const problems = [];
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  try {
    const calendar = new ICAL.Component(ICAL.parse(text));
    for (const zone of calendar.getAllSubcomponents("vtimezone")) {
      ICAL.TimezoneService.register(new ICAL.Timezone(zone));
    }
    for (const vevent of calendar.getAllSubcomponents("vevent")) {
      const event = new ICAL.Event(vevent);
      for (const [name, time] of [["DTSTART", event.startDate], ["DTEND", event.endDate]]) {
        if (!time) {
          problems.push({ file, parser: "ical.js", message: `${event.uid}: no ${name}` });
        } else if (!time.isDate && (!time.zone || time.zone.tzid === "floating")) {
          problems.push({ file, parser: "ical.js", message: `${event.uid}: ${name} is a floating time` });
        }
      }
      if (event.endDate && event.startDate && event.endDate.compare(event.startDate) < 0) {
        problems.push({ file, parser: "ical.js", message: `${event.uid}: ends before it starts` });
      }
    }
  } catch (error) {
    problems.push({ file, parser: "ical.js", message: String(error) });
  }
  try {
    const events = Object.values(nodeIcal.sync.parseICS(text)).filter((entry) => entry.type === "VEVENT");
    for (const event of events) {
      if (!(event.start instanceof Date) || Number.isNaN(event.start.getTime())) {
        problems.push({ file, parser: "node-ical", message: `${event.uid}: no readable start` });
      }
    }
  } catch (error) {
    problems.push({ file, parser: "node-ical", message: String(error) });
  }
}
process.stdout.write(JSON.stringify(problems));
process.exitCode = problems.length ? 1 : 0;
