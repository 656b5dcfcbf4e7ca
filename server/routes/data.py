"""Blueprint: data (being written)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("data", __name__)
