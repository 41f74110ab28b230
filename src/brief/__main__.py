from brief.cli import main

raise SystemExit(main())
