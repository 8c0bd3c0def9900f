"""Generate a large, realistic newsroom for benchmarks and load tests (#6).

``generate_newsroom()`` builds competitions, clubs with aliases, squads with
a true position mix (injured and suspended players included), the coaches'
squad targets, sources across tiers and kinds, reporters, stories (mostly
published; some drafts, in review or scheduled) and claims. Claims come in
sagas: one player, one selling club, one suitor, stages in order over time
(interest, enquiry, bid, ... medical, completed), with outcomes resolved when
the saga ends (completed, denied, blocked or gone quiet). A settled claim is
true as often as its source is right: each source has a hit rate planted
by its tier (``truth.py``), the ground truth its track record should find.

Fast: rows are built in memory, valid by construction, and written with
``bulk_create`` in batches. Neither ``save()`` nor ``full_clean()`` runs, so
what ``save()`` would do is done here: ``body_html`` comes from
``Article.render_body()``, and a story's clubs and players are those its claims
name (as ``sync_article_subjects`` would fill them), and their search
documents are built once all are written. Hero images stay empty.

Reproducible: one ``random.Random(seed)`` draws everything, in a fixed
order, and every time is an offset from ``anchor`` (midnight UTC today
unless given), so the same seed and anchor give the same rows. Stories and
claims carry the generated ``created_at`` and ``updated_at``, not the time
of the run, so ``updated_since`` filters behave as on a real archive.
"""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from ...models import Article, Club, Competition, Player, Source, TransferClaim
from .builder import MESSAGE_NOT_EMPTY, BuilderBase
from .sagas import SagasMixin
from .squads import SquadsMixin
from .stories import StoriesMixin


def newsroom_counts():
    """Return the number of rows of each generated kind already stored."""
    models = (Competition, Club, Player, Source, Article, TransferClaim)
    return {model._meta.verbose_name_plural: model.objects.count() for model in models}


def refuse_stored_newsroom():
    """Raise ``ValueError`` (``MESSAGE_NOT_EMPTY``) if a newsroom is stored."""
    stored = {name: count for name, count in newsroom_counts().items() if count}
    if stored:
        counts = ", ".join(f"{count} {name}" for name, count in stored.items())
        raise ValueError(MESSAGE_NOT_EMPTY.format(counts=counts))


def default_anchor():
    """Return midnight UTC today: the default end of the generated archive."""
    now = timezone.now().astimezone(dt.UTC)
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


@transaction.atomic
def generate_newsroom(
    *,
    clubs: int,
    players: int,
    articles: int,
    claims: int,
    seed: int,
    anchor: dt.datetime | None = None,
    force: bool = False,
    progress=None,
) -> dict:
    """Generate and store a newsroom; return the number of rows of each kind.

    Refuses (``ValueError`` with ``MESSAGE_NOT_EMPTY``) when the database
    already holds one, unless ``force``. ``progress(n)`` is called as rows
    are written, ``n`` at a time, for a progress bar.
    """
    if not force:
        refuse_stored_newsroom()
    if min(clubs, players, articles, claims) < 0 or clubs < 2:
        raise ValueError("Give at least 2 clubs and no negative counts.")
    builder = _Builder(
        random.Random(seed), anchor or default_anchor(), progress or (lambda n: None)
    )
    return builder.build(clubs, players, articles, claims)


def planned_rows(*, clubs, players, articles, claims):
    """Return roughly how many rows ``generate_newsroom`` writes (for a bar)."""
    subjects = claims * 2 + articles  # the stories' clubs and players
    return clubs * 12 + players + articles + claims + subjects


class _Builder(SquadsMixin, SagasMixin, StoriesMixin, BuilderBase):
    """Draws the rows in a fixed order from one seeded random generator."""
