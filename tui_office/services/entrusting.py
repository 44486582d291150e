"""Provides delegate-and-return (委派): an assignee asks a colleague to handle their task, and the
colleague's answer comes back to them to decide for the step.

Unlike a transfer (转交), which hands the task over for good, entrusting parks the assignee's own
task (`waiting`) and gives the colleague a task of kind `entrusted` in the same step and round.
The colleague answers with approve or reject and an opinion; that answer never decides the step:
it closes their task (`entrust-approve` / `entrust-reject` in the history) and reopens the
assignee's, who then decides. The document's `state["entrusted"]` maps each open entrusted task
to the task it came from.

Used inside the decision use cases of `services/decisions.py` (same transaction).
"""

from __future__ import annotations

from datetime import datetime

from tui_office.domain.errors import Conflict
from tui_office.services.workflow import ENTRUSTED_KIND, notify
from tui_office.store.models import Document, Task, User
from tui_office.store.rows import create, get_by_id

ENTRUSTED = ENTRUSTED_KIND
"""Task kind of the colleague's part: their answer advises, it does not decide the step."""
ANSWERS = ("approve", "reject", "comment")
"""What the colleague may do with an entrusted task."""
STATE_KEY = "entrusted"


def entrust(doc: Document, task: Task, colleague: User, now: datetime) -> Task:
    """Park `task` (open) while `colleague` handles it; returns the colleague's new task."""
    parked = (Task.update(status="waiting", version=Task.version + 1)
              .where((Task.id == task.id) & (Task.version == task.version) & (Task.status == "open")).execute())
    if not parked:
        raise Conflict("entrust_moved", number=doc.number)
    theirs = create(Task, document=doc, step=task.step, round=task.round, kind=ENTRUSTED, assignee=colleague,
                    position=task.position, created_at=now, due_at=task.due_at)
    state = dict(doc.state or {})
    state[STATE_KEY] = {**(state.get(STATE_KEY) or {}), str(theirs.id): task.id}
    doc.state = state
    notify(colleague.id, doc, "entrusted", now, name=get_by_id(User, task.assignee_id).name)
    return theirs


def origin(doc: Document, entrusted: Task) -> Task | None:
    """The task `entrusted` was entrusted from, if it is still there."""
    task_id = ((doc.state or {}).get(STATE_KEY) or {}).get(str(entrusted.id))
    return get_by_id(Task, task_id) if task_id else None


def hand_back(doc: Document, entrusted: Task, answerer: User, now: datetime) -> Task | None:
    """After the colleague answered: reopen the task it came from and tell its assignee.

    Returns that task (None when it was closed meanwhile, e.g. the step was decided by others)."""
    back = origin(doc, entrusted)
    state = dict(doc.state or {})
    mapping = dict(state.get(STATE_KEY) or {})
    mapping.pop(str(entrusted.id), None)
    state[STATE_KEY] = mapping
    doc.state = state
    if back is None or back.status != "waiting":
        return None
    Task.update(status="open", version=Task.version + 1).where(Task.id == back.id).execute()
    notify(back.assignee_id, doc, "entrust_answered", now, name=answerer.name)
    return back


def waiting_on(doc: Document, user_id: int) -> User | None:
    """The colleague `user_id` entrusted their task on `doc` to, while that colleague has not answered."""
    for theirs_id, mine_id in ((doc.state or {}).get(STATE_KEY) or {}).items():
        mine, theirs = get_by_id(Task, mine_id), get_by_id(Task, int(theirs_id))
        if mine is not None and theirs is not None and mine.assignee_id == user_id and theirs.status == "open":
            return get_by_id(User, theirs.assignee_id)
    return None
