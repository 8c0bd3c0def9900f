"""Stories written around the claims, and their clubs and players."""

import datetime as dt
import math

from ...models import (
    Article,
    ClaimAmount,
    TransferClaim,
)
from ...models.amounts import describe_amounts
from .builder import WINDOW_DAYS
from .vocabulary import (
    HEADLINES,
)


class StoriesMixin:
    def story_sizes(self, articles, claims):
        """Return how many claims each story reports: ``claims`` in all.

        Between one and about twice the mean (1 to 9 for the default run): a
        story reports a handful of moves, never a hundred.
        """
        rng = self.rng
        if not articles:
            return []
        if claims < articles:
            sizes = [1] * claims + [0] * (articles - claims)
            rng.shuffle(sizes)
            return sizes
        most = max(1, math.ceil(2 * claims / articles) - 1)
        sizes = [rng.randint(1, most) for _ in range(articles)]
        surplus = sum(sizes) - claims
        while surplus:
            index = rng.randrange(articles)
            step = 1 if surplus > 0 else -1
            if 1 <= sizes[index] - step <= most:
                sizes[index] -= step
                surplus -= step
        return sizes

    def articles(self, count, claims, clubs, reporters):
        rng = self.rng
        rows, position = [], 0
        statuses = Article.Status
        for size in self.story_sizes(count, len(claims)):
            chunk = claims[position : position + size]
            position += size
            roll = rng.random()
            status = statuses.PUBLISHED
            if roll < 0.03:
                status = statuses.DRAFT
            elif roll < 0.05:
                status = statuses.REVIEW
            latest = chunk[-1].reported_at if chunk else self.moment(WINDOW_DAYS, 1)
            published_at = min(
                latest + dt.timedelta(minutes=rng.randint(5, 240)),
                self.anchor - dt.timedelta(minutes=1),
            )
            if status == statuses.PUBLISHED and roll < 0.08:
                published_at = self.anchor + dt.timedelta(hours=rng.randint(30, 336))
            created_at = published_at - dt.timedelta(hours=rng.uniform(0.5, 6))
            updated_at = published_at
            if rng.random() < 0.1:
                updated_at = published_at + dt.timedelta(hours=rng.uniform(0.1, 48))
            if status != statuses.PUBLISHED:
                published_at, updated_at = None, created_at
            # Nothing is written after the anchor, "now": a story scheduled
            # for next week was filed and last saved before it.
            created_at = min(created_at, self.anchor - dt.timedelta(hours=1))
            updated_at = max(created_at, min(updated_at, self.anchor))
            headline, standfirst, body = self.story_text(chunk, clubs)
            article = Article(
                headline=headline,
                slug=self.slug_for(Article, headline, max_length=200),
                standfirst=standfirst,
                body=body,
                author=rng.choice(reporters) if rng.random() < 0.9 else None,
                status=status,
                published_at=published_at,
                created_at=created_at,
                updated_at=updated_at,
                # An editor's last save is what readers see as updated.
                revised_at=updated_at,
            )
            article.render_body()  # bulk_create skips save()
            article.chunk = chunk
            rows.append(article)
        self.save_all(Article, rows)
        for article in rows:
            for claim in article.chunk:
                claim.article = article
                if article.published_at and article.published_at <= self.anchor:
                    claim.updated_at = max(claim.updated_at, article.published_at)
        self.save_all(TransferClaim, claims)
        amounts = []
        for claim in claims:
            for row in claim.fee_rows:
                row.claim = claim
                amounts.append(row)
        self.save_all(ClaimAmount, amounts)
        return rows

    def story_text(self, chunk, clubs):
        """Return (headline, standfirst, Markdown body) reporting ``chunk``."""
        if not chunk:
            club = self.rng.choice(clubs)
            headline = f"{club.short_name}: what the window needs to bring"
            body = (
                f"{club.name} go into the window with gaps to fill.\n\n"
                "## Where the squad is short\n\nThe coach wants more depth."
            )
            return headline, f"Our look at {club.name}'s squad.", body
        lead = max(chunk, key=lambda claim: claim.claim_type_rank)
        words = self.claim_words(lead)
        headline = HEADLINES[lead.claim_type].format(**words)
        if len(chunk) > 1:
            headline = f"{headline}, and {len(chunk) - 1} more transfer stories"
        paragraphs = []
        for claim in chunk:
            sentence = claim.sentence.format(**self.claim_words(claim, link=True))
            attribution = f" — *{claim.source.name}*" if claim.source else ""
            amounts = describe_amounts(claim.fee_rows)
            fee = f"Reported: {amounts}." if amounts else ""
            paragraphs.append(f"{sentence}.\n\n> {claim.quote}{attribution}\n\n{fee}")
        standfirst = claim_standfirst(lead, words)
        return headline, standfirst, "\n\n".join(paragraphs).strip()

    def claim_words(self, claim, link=False):
        def name(club, fallback):
            if club is None:
                return fallback
            if link:
                return f"[{club.short_name}]({club.get_absolute_url()})"
            return club.short_name

        return {
            "player": claim.player.name,
            "to": name(claim.to_club, "a new club"),
            "from": name(claim.from_club, "his club"),
            "from_": name(claim.from_club, "his club"),
        }

    def subjects(self, articles, claims):
        """Link each story to the clubs and players its claims name."""
        club_links, player_links = {}, {}
        for claim in claims:
            named = claim.subject_ids()
            # dicts, not sets: links in the order the claims name them.
            clubs = club_links.setdefault(claim.article_id, {})
            players = player_links.setdefault(claim.article_id, {})
            clubs.update(dict.fromkeys(named["clubs"]))
            players.update(dict.fromkeys(named["players"]))
        ClubLink, PlayerLink = Article.clubs.through, Article.players.through
        club_rows = [
            ClubLink(article_id=article_id, club_id=club_id)
            for article_id, ids in club_links.items()
            for club_id in ids
        ]
        player_rows = [
            PlayerLink(article_id=article_id, player_id=player_id)
            for article_id, ids in player_links.items()
            for player_id in ids
        ]
        self.save_all(ClubLink, club_rows)
        self.save_all(PlayerLink, player_rows)
        return len(club_rows) + len(player_rows)


def claim_standfirst(claim, words):
    """Return the one-sentence summary of a story led by ``claim``."""
    sentence = claim.sentence.format(**words)
    return f"{sentence[0].upper()}{sentence[1:]}, according to our sources."
