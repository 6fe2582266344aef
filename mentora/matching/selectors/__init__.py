"""Reads of matching, by topic: places taken, a programme's runs, a member's own matches."""
