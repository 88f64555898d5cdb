from verdeelwijzer.cli import main

main()
