#!/usr/bin/env bash
# Install (first time) and start the app on the shipped data: http://localhost:${PORT:-8501}
source "$(dirname "$0")/_setup.sh"
# chromium renders the presentation page's PNG export; the font draws Chinese labels in it.
apt_install chromium fonts-wqy-microhei
install_project "."
# serve.py: the app (streamlit_app.py), each page told where its server is (see serve.py)
exec .venv/bin/streamlit run serve.py --server.port "${PORT:-8501}" "$@"
