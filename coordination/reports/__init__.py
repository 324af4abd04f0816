"""Written reports to the head of the region: obligations from the rules, periods, drafting,
routing through the Asisten, the Sekda or the Bappeda, reminders and the PDF."""
