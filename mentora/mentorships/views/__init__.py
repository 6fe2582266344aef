"""Pages of mentoring relationships, one module per topic; `urls.py` routes to each."""
