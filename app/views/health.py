"""Health checks for load balancers and monitoring: open to all, saying nothing about configuration.

* ``/healthz``: the process is up and the database answers (use it for liveness).
* ``/readyz``: that, and every Klarna store answers and accepts our credentials (use it to decide
  whether to send staff to this process); the Klarna part is cached, see ``app/readiness.py``.
  Where a background worker is expected it also says whether one beat lately (``"worker"``); a
  dead worker does not make the web process unready (staff can still work), so alert on that field.
"""

from __future__ import annotations

from flask import Blueprint, current_app
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.extensions import db
from app.jobs import jobs, worker_alive
from app.permissions import public
from app.readiness import klarna_ready

bp = Blueprint("health", __name__)

OK = "ok"
UNAVAILABLE = "unavailable"


def _database_answers() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        current_app.logger.exception("health check: the database does not answer")
        db.session.rollback()
        return False
    return True


def _state(good: bool) -> str:
    return OK if good else UNAVAILABLE


@bp.route("/healthz")
@public
def healthz() -> tuple[dict[str, str], int]:
    database = _database_answers()
    return {"status": _state(database), "database": _state(database)}, 200 if database else 503


@bp.route("/readyz")
@public
def readyz() -> tuple[dict[str, str], int]:
    database, klarna = _database_answers(), klarna_ready()
    ready = database and klarna
    answer = {"status": "ready" if ready else "not ready", "database": _state(database), "klarna": _state(klarna)}
    if jobs().expects_worker:
        answer["worker"] = _state(worker_alive())
    return answer, 200 if ready else 503
