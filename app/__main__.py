from shopreel.app.cli import main

main()
