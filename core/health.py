"""``/healthz`` for load balancers and orchestrators: 200 when this server can answer (its
database is reachable and every migration is applied), 503 otherwise. It names no version,
host or error detail: it is open to anyone who can reach the server."""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

# Once every migration is applied it stays so for the life of this process (a deployment that
# adds migrations restarts the servers), so the plan is computed until it first comes out empty.
_migrations_applied = False


def _database_reachable() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        logger.exception("Health check: database unreachable")
        return False


def _all_migrations_applied() -> bool:
    global _migrations_applied
    if not _migrations_applied:
        executor = MigrationExecutor(connection)
        _migrations_applied = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrations_applied


@never_cache
@require_GET
@login_not_required
def healthz(request):
    checks = {"database": _database_reachable()}
    checks["migrations"] = checks["database"] and _all_migrations_applied()
    healthy = all(checks.values())
    body = {name: "ok" if passed else "failing" for name, passed in checks.items()}
    return JsonResponse({"status": "ok" if healthy else "failing", **body}, status=200 if healthy else 503)
