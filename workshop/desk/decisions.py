"""The secretariat's bulk actions over the participant list: approve, decline, move to a group, on what it saw.

Each use case takes the acting user, raises `Refused` with a reason, and leaves the commit to the caller.
"""

from flask_babel import lazy_gettext as _l

from workshop.core.refusals import Refused
from workshop.desk import listing
from workshop.registration import services

DECISIONS = ("approve", "decline", "move")


def act_on_list(actor, forum, seen, ticked_ids, decision, group=None):
    """Approve, decline or move to `group` the ticked people of the list the secretariat saw, or nobody.

    `seen` is what the page showed: its filter, its digest and how many it listed. Read again under the
    forum's lock (which registering takes too), a list with another digest is stale: someone registered,
    withdrew or was changed meanwhile, and acting on it would act on a list nobody looked at.
    """
    services.lock_forum_places(forum)
    shown = listing.find_participants(forum, seen.participant_filter)
    chosen = [registration for registration in shown if registration.id in ticked_ids]
    if seen.fingerprint != listing.fingerprint_of(shown) or len(chosen) != len(ticked_ids):
        raise Refused(
            _l(
                "The list has changed since you opened it. Someone registered, withdrew or was changed meanwhile "
                "(%(now)d listed now, %(then)d then): nothing was done. Look at it again and tick again.",
                now=len(shown),
                then=seen.count,
            )
        )
    if decision == "approve":
        services.approve(actor, forum, chosen)
    elif decision == "decline":
        services.decline(actor, forum, chosen)
    else:
        services.move_to_group(actor, forum, chosen, group)
    return chosen
