import sys

from wuzhen_geo.cli import main

sys.exit(main())
