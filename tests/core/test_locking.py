"""Writers that compete for the last place run one after another, on SQLite and PostgreSQL alike."""

import threading
import time

from sqlalchemy import func, select

from workshop.core.locking import hold_write_lock
from workshop.extensions import db
from workshop.forums.models import Forum, Organisation

COMPETITORS = 6


def take_the_last_place(app, forum_id, name, start):
    """Check that no organisation is listed yet and list one: a rule that only holds under the lock."""
    with app.app_context():
        start.wait()
        hold_write_lock(Forum, forum_id)
        taken = db.session.scalar(select(func.count()).select_from(Organisation))
        # Widen the window between the check and the write, as a busy server would.
        time.sleep(0.05)
        if taken == 0:
            db.session.add(Organisation(name=name))
        db.session.commit()


def test_only_one_of_many_simultaneous_writers_gets_the_last_place(app, create_forum):
    forum = create_forum()
    db.session.commit()
    start = threading.Barrier(COMPETITORS)
    threads = [
        threading.Thread(target=take_the_last_place, args=(app, forum.id, f"Organisation {number}", start))
        for number in range(COMPETITORS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert db.session.scalar(select(func.count()).select_from(Organisation)) == 1


def test_a_transaction_that_has_written_already_keeps_its_lock(app, create_forum):
    forum = create_forum()
    db.session.add(Organisation(name="ECLAC"))
    db.session.flush()
    hold_write_lock(Forum, forum.id)
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(Organisation)) == 1
