import sys

try:
    from wuzhen_geo.cli import main
except KeyboardInterrupt:  # Ctrl-C while the program loads: nothing has run yet
    sys.exit(130)

sys.exit(main())
