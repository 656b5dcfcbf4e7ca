"""Blueprint: ui (being written)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("ui", __name__)
