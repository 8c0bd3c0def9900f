"""A squad row drawn as a bar of slots: the squad page's depth chart (#3).

Specialists are solid, unavailable ones crossed, cover outlined, and the
target a marked line; the label says the same in words. Every chart of a
page shares one scale, the widest row's, so the bars compare.
"""

from django.template.defaultfilters import pluralize

# A slot's width and the gap before each slot, in pixels.
SLOT, GAP = 18, 4


def depth_chart(row, scale):
    """Return ``row`` (a ``SquadRow``) drawn ``scale`` slots wide, as text.

    The numbers come as the text drawn: a page draws a few hundred, and the
    template would localize each one.
    """
    kinds = [
        (player, "specialist" if player.is_available else "unavailable")
        for player in row.specialists
    ] + [(player, "cover") for player in row.cover]
    slots = []
    for index, (player, kind) in enumerate(kinds):
        x = GAP + index * (SLOT + GAP)
        cross = f"M{x + 3} 7 l12 12 M{x + 15} 7 l-12 12"
        slots.append(
            {
                "kind": kind,
                "name": player.name,
                "x": str(x),
                "cross": cross if kind == "unavailable" else "",
            }
        )
    target = row.notes.target_count
    return {
        "label": chart_label(row),
        "width": str(scale * (SLOT + GAP) + GAP),
        "slots": slots,
        "target_x": None if target is None else str(target * (SLOT + GAP) + 2),
    }


def chart_label(row):
    """Return the chart in words: “Right-back: 1 available specialist, 2 cover”."""
    counted = row.counted
    words = [f"{row.label}: {counted} available specialist{pluralize(counted)}"]
    if row.unavailable_count:
        words.append(f"{row.unavailable_count} unavailable")
    words.append(f"{len(row.cover)} cover")
    if row.notes.target_count is not None:
        words.append(f"target {row.notes.target_count}")
    return ", ".join(words)
