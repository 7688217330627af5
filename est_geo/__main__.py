"""Allow ``python -m est_geo``."""

import sys

from est_geo.cli import main

sys.exit(main())
