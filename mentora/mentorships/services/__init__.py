"""State changes of mentoring relationships, one module per topic: import from the topic."""
