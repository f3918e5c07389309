# Bash completion for scripts/gantry. Enable it in a shell with
#   source scripts/gantry-completion.bash
# or for every shell: copy it to /etc/bash_completion.d/gantry (or ~/.local/share/bash-completion/completions/gantry).
# shellcheck shell=bash

_gantry() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd=${COMP_WORDS[1]:-} flags
  COMPREPLY=()
  if [ "$COMP_CWORD" -eq 1 ]; then
    mapfile -t COMPREPLY < <(compgen -W "serve tui vulndb version help --help" -- "$cur")
    return
  fi
  case "$cmd" in
    serve) flags="--socket --data-root --run-root --tcp --tcp-insecure --group --tls-cert --tls-key --tls-ca --docker-socket --ip
                  --log-level --hooks-dir --config --help" ;;
    tui) flags="--socket --config --help" ;;
    vulndb)
      if [ "$COMP_CWORD" -eq 2 ]; then mapfile -t COMPREPLY < <(compgen -W "import status --help" -- "$cur"); return; fi
      if [ "${COMP_WORDS[2]}" = import ] && [[ $cur != -* ]] && [[ $prev != --socket && $prev != --config ]]; then
        compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return
      fi
      flags="--socket --config --help" ;;
    help|--help|-h) [ "$COMP_CWORD" -eq 2 ] && mapfile -t COMPREPLY < <(compgen -W "serve tui vulndb" -- "$cur"); return ;;
    *) return ;;
  esac
  case "$prev" in
    --socket|--tls-cert|--tls-key|--tls-ca|--config)
      compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
    --data-root|--run-root|--hooks-dir)
      compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -d -- "$cur"); return ;;
    --log-level) mapfile -t COMPREPLY < <(compgen -W "TRACE DEBUG INFO WARN ERROR" -- "$cur"); return ;;
    --group) mapfile -t COMPREPLY < <(compgen -g -- "$cur"); return ;;
    --tcp|--ip) return ;;
  esac
  mapfile -t COMPREPLY < <(compgen -W "$flags" -- "$cur")
}

complete -F _gantry gantry scripts/gantry ./scripts/gantry
