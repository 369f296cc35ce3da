#!/usr/bin/env sh
# Start the app on this machine: ./scripts/run_app.sh [port]   (default 8501; data: $WUZHEN_GEO_DATA or geodata/)
# Offline-safe settings live in .streamlit/config.toml (address 127.0.0.1, static serving for Leaflet).
# To serve other machines (a projector laptop on a LAN), add: --server.address 0.0.0.0
set -eu
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
exec "$PY" -m streamlit run streamlit_app.py --server.port "${1:-8501}"
