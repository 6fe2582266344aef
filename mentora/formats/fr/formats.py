# Django's French date-time runs the time into the date ("16 décembre 2026 12:30"): a comma
# separates them, as on the meeting pages. Everything else comes from Django's French formats.
DATETIME_FORMAT = "j F Y, H:i"
