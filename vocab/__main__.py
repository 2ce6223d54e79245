from vocab.cli import main

main()
