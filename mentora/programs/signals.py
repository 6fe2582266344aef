"""Events of the programs app that apps above it react to."""

from django.dispatch import Signal

# Sent inside `change_programme_status`'s transaction, before the change, with `programme`
# and `status`: a receiver that knows why the move makes no sense (an app above programs,
# e.g. relationships) raises `TransitionNotAllowed` with the reason in words.
programme_status_changing = Signal()
