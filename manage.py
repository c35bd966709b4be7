#!/usr/bin/env python
from ronghe.config.cli import main

if __name__ == "__main__":
    main()
