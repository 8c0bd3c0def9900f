"""The partner JSON API (#4): keyed, read-only, published content only."""
