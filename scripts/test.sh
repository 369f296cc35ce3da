#!/usr/bin/env bash
# Install (first time) and run the whole test suite, including the real-browser tests (Debian's chromium).
source "$(dirname "$0")/_setup.sh"
apt_install chromium fonts-wqy-microhei
install_project ".[test]"
exec .venv/bin/python -m pytest "$@"
