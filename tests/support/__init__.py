"""Helpers the tests import: forms, roles, URLconfs, servers, settings."""
