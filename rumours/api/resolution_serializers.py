"""What settled a claim (#15), as partners read it: verdict, reason, proof."""

from rest_framework import serializers

from .fields import absolute


class ResolutionSerializer(serializers.Serializer):
    """Null while the claim is open; once an editor resolved it, why."""

    verdict = serializers.CharField(
        help_text="What the resolution found about the claim at its stage, as "
        "the site says it: “True: the club did ask about him”, “False: the "
        "move collapsed”, “Lapsed: it was never settled either way”.",
    )
    note = serializers.CharField(
        source="resolution_note",
        help_text="The editor's line on what settled it; may be empty.",
    )
    evidence_url = serializers.SerializerMethodField(
        help_text="Where to read what settled it: our published follow-up "
        "story's page, else the outside report; null when none is given."
    )
    evidence_article = serializers.SerializerMethodField(
        help_text="The id of our published follow-up story, or null."
    )
    evidence_article_slug = serializers.SerializerMethodField(
        help_text="Its slug (read it at `/api/v1/articles/{slug}/`), or null."
    )

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_representation(self, claim):
        if not claim.is_settled:
            return None
        return super().to_representation(claim)

    def get_evidence_url(self, claim) -> str | None:
        link = claim.evidence_link
        if link is None:
            return None
        return absolute(self.context.get("request"), link[0])

    def get_evidence_article(self, claim) -> int | None:
        story = claim.public_evidence_article
        return story.pk if story else None

    def get_evidence_article_slug(self, claim) -> str | None:
        story = claim.public_evidence_article
        return story.slug if story else None
