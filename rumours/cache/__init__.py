"""The public cache: one component (``public``), its page door (``middleware``)
and what makes it stale (``signals``)."""
