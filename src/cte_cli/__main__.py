from cte_cli.cli import main

main()
