"""Events of the mentorships app that apps above it react to."""

from django.dispatch import Signal

# Sent inside `record_meeting_outcome`'s transaction each time a meeting is marked held, with
# `meeting`: the feedback app invites the relationship's members to rate the session, in the
# same transaction, so that a meeting is never held without its invitations.
meeting_held = Signal()
