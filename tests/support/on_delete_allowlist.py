"""R21: the committed ``on_delete`` of every foreign key touching the rumours app.

``tests/test_delete_safety.py`` fails when a foreign key of a rumours model (or
one pointing at a rumours model from another app) is missing here or behaves
differently. Adding a foreign key therefore means deciding, in review, what
deleting its target does to editorial history.

Keys are "app_label.Model.field", as ``Model._meta.label`` spells the model.
"""

from django.db import models

ON_DELETE = {
    # Stories and their claims. A story owns its claims: deleting a story
    # (a draft thrown away) takes them with it.
    "rumours.TransferClaim.article": models.CASCADE,
    # What a claim is about is editorial history: refuse the delete.
    "rumours.TransferClaim.player": models.PROTECT,
    "rumours.TransferClaim.replaces": models.PROTECT,
    "rumours.TransferClaim.from_club": models.PROTECT,
    "rumours.TransferClaim.to_club": models.PROTECT,
    "rumours.TransferClaim.source": models.PROTECT,
    "rumours.TransferClaim.from_competition": models.PROTECT,
    "rumours.TransferClaim.to_competition": models.PROTECT,
    # A denial outlives the claim it answered, a swap's side the other side.
    "rumours.TransferClaim.answers": models.SET_NULL,
    "rumours.TransferClaim.swap_with": models.SET_NULL,
    # A verdict outlives the story that proved it; its note stays (#15).
    "rumours.TransferClaim.evidence_article": models.SET_NULL,
    # A claim owns its relays and speakers; a source credited in one stays.
    "rumours.Attribution.claim": models.CASCADE,
    "rumours.Attribution.source": models.PROTECT,
    # A claim owns the amounts its story quotes (#13).
    "rumours.ClaimAmount.claim": models.CASCADE,
    # A byline stays attached to its story; deactivate the user instead.
    "rumours.Article.author": models.PROTECT,
    # The report an aggregated story is based on stays credited (#13).
    "rumours.Article.original_source": models.PROTECT,
    # The football world: squads and leagues are refused while referenced.
    "rumours.Club.competition": models.PROTECT,
    "rumours.Player.current_club": models.PROTECT,
    "rumours.Player.previous_club": models.PROTECT,
    "rumours.Source.outlet": models.PROTECT,
    # An agent stays while a player names him as his agent (#13).
    "rumours.Player.agent": models.PROTECT,
    # Belong to their club and mean nothing without it.
    "rumours.ClubAlias.club": models.CASCADE,
    "rumours.SquadNote.club": models.CASCADE,
    "rumours.ClubRole.club": models.CASCADE,
    # A source who holds a club role stays while the role names him (#13).
    "rumours.ClubRole.person": models.PROTECT,
    # The note stays when the story it came from goes; a source it cites stays.
    "rumours.SquadNote.article": models.SET_NULL,
    "rumours.SquadNote.source": models.PROTECT,
    # The market board's standings (#16) are measured from a note and its
    # club's players: derived rows that go with either.
    "rumours.MarketStanding.note": models.CASCADE,
    "rumours.MarketStanding.club": models.CASCADE,
    "rumours.SourceRecord.source": models.CASCADE,
    # Subject tags (Article.clubs, Article.players): the link row goes with
    # either end. A club or player that a claim names is protected above.
    "rumours.Article_clubs.article": models.CASCADE,
    "rumours.Article_clubs.club": models.CASCADE,
    "rumours.Article_players.article": models.CASCADE,
    "rumours.Article_players.player": models.CASCADE,
    # Corrections (#5) belong to their story; the editor who wrote one stays.
    "rumours.Correction.article": models.CASCADE,
    "rumours.Correction.created_by": models.PROTECT,
    # Partners' webhooks (#17): a subscription is its key's, a delivery its
    # event's and subscription's, an attempt its delivery's; the filter rows
    # go with either end (Django's own through tables; a club or player a
    # claim names cannot be deleted anyway).
    "rumours.WebhookSubscription.api_key": models.CASCADE,
    "rumours.WebhookSubscription_clubs.webhooksubscription": models.CASCADE,
    "rumours.WebhookSubscription_clubs.club": models.CASCADE,
    "rumours.WebhookSubscription_players.webhooksubscription": models.CASCADE,
    "rumours.WebhookSubscription_players.player": models.CASCADE,
    "rumours.WebhookDelivery.event": models.CASCADE,
    "rumours.WebhookDelivery.subscription": models.CASCADE,
    "rumours.WebhookAttempt.delivery": models.CASCADE,
    # History tables (#5, django-simple-history): a history row outlives what
    # it names (no database constraint, DO_NOTHING), and deleting a user
    # keeps the rows they wrote, unattributed.
    **{
        f"rumours.Historical{model}.{field}": models.DO_NOTHING
        for model, fields in {
            "Article": ["author", "original_source"],
            "Attribution": ["claim", "source"],
            "ClaimAmount": ["claim"],
            "Club": ["competition"],
            "Correction": ["article", "created_by"],
            "Player": ["current_club", "previous_club", "agent"],
            "Source": ["outlet"],
            "TransferClaim": [
                "article",
                "player",
                "replaces",
                "from_club",
                "to_club",
                "source",
                "from_competition",
                "to_competition",
                "answers",
                "swap_with",
                "evidence_article",
            ],
        }.items()
        for field in fields
    },
    **{
        f"rumours.Historical{model}.history_user": models.SET_NULL
        for model in ["Article", "Attribution", "ClaimAmount", "Club", "Correction"]
        + ["Player"]
        + ["LapseWindow", "Source", "TransferClaim"]
    },
}
