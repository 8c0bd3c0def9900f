"""Pictures as partners read them: original size and renditions, with their URLs.

A story's hero image, a club's crest and a player's picture share the
rendition pipeline (``rumours.images``); partners get the same shape for each.
"""

from rest_framework import serializers

from ..images.renditions import picture_for
from .fields import absolute


class RenditionSerializer(serializers.Serializer):
    width = serializers.IntegerField()
    url = serializers.URLField()


class RenditionsSerializer(serializers.Serializer):
    webp = RenditionSerializer(many=True)
    jpeg = RenditionSerializer(many=True)


def renditions_of(picture, request):
    """Return the WebP and JPEG renditions of ``picture`` with absolute URLs."""
    return {
        kind: [
            {"width": width, "url": absolute(request, url)}
            for width, url in urls.items()
        ]
        for kind, urls in (("webp", picture.webp), ("jpeg", picture.jpeg))
    }


class PictureSerializer(serializers.Serializer):
    """A picture of a row, read from its ``image`` field; null without one."""

    image = None  # the model field: "crest", "picture"

    width = serializers.IntegerField()
    height = serializers.IntegerField()
    credit = serializers.CharField(help_text='The photographer or agency; "" if none.')
    renditions = RenditionsSerializer()

    def to_representation(self, instance):
        image = self.image
        picture = picture_for(
            getattr(instance, image),
            getattr(instance, f"{image}_width"),
            getattr(instance, f"{image}_height"),
        )
        if picture is None:
            return None
        return {
            "width": picture.width,
            "height": picture.height,
            "credit": getattr(instance, f"{image}_credit", ""),
            "renditions": renditions_of(picture, self.context.get("request")),
        }


class CrestSerializer(PictureSerializer):
    """A club's crest (#16)."""

    image = "crest"


class PlayerPictureSerializer(PictureSerializer):
    """A player's picture, with its credit (#16)."""

    image = "picture"
