"""State changes of matching, by topic: settings, runs, review, publication, notices, choice."""
