"""Moving the test database between migrations, for data-migration tests."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(target):
    """Migrate rumours to ``target``; return the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    executor.loader.build_graph()
    return executor.loader.project_state([target]).apps


def migrated_to(target):
    """Return a fixture yielding the models at ``target``, then migrating back.

    The database ends at the latest migrations, as the other tests expect.
    """

    @pytest.fixture
    def fixture():
        yield migrate(target)
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    return fixture
