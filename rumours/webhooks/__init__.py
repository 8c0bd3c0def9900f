"""Partners' webhooks (#17): what happened to a claim, pushed, signed, retried.

``events`` decides what to announce when claims, stories, corrections and
tombstones are saved (after the transaction commits, so a save never waits);
``delivery`` signs and sends one attempt and plans the next; ``tasks`` is
the queue's side (Django's task framework, a database queue emptied by
``manage.py db_worker``); ``signals`` wires the saves to ``events``.
"""
