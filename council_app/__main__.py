import sys

from council_app.cli import main

sys.exit(main())
