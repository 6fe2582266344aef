"""Events of the profiles app that apps above it react to."""

from django.dispatch import Signal

# Sent while a skill is merged into another, inside the merge's transaction, with `source`
# and `target`; each receiver points its own records at the target and returns how many.
skill_merged = Signal()
