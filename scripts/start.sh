#!/usr/bin/env bash
# Install (first time) and start the app on the shipped data: http://localhost:${PORT:-8501}
source "$(dirname "$0")/_setup.sh"
# chromium renders the presentation page's PNG export; the font draws Chinese labels in it.
apt_install chromium fonts-wqy-microhei
install_project "."
exec .venv/bin/streamlit run streamlit_app.py --server.port "${PORT:-8501}" "$@"
