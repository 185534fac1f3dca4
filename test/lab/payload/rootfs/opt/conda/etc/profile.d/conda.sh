# conda shell integration (lab stand-in for Miniconda's): `conda activate NAME|PATH`, `conda deactivate`;
# other subcommands go to /opt/conda/bin/conda. POSIX sh, so `.` works in dash as `source` does in bash.
export CONDA_EXE=/opt/conda/bin/conda
export _CE_CONDA=
export CONDA_PYTHON_EXE=/usr/bin/python3

__conda_prefix_of() {
    case "$1" in
        ""|base) echo /opt/conda ;;
        */*) echo "$1" ;;
        *) echo "/opt/conda/envs/$1" ;;
    esac
}

# Like real conda, an env's etc/conda/activate.d/*.sh run after activation and deactivate.d/*.sh before
# deactivation: that is where per-env environment variables live.
__conda_run_hooks() {
    for __hook in "$1"/*.sh; do
        [ -f "$__hook" ] && . "$__hook"
    done
    unset __hook
}

__conda_deactivate() {
    if [ -n "${CONDA_PREFIX:-}" ]; then
        __conda_run_hooks "$CONDA_PREFIX/etc/conda/deactivate.d"
        PATH=$(printf '%s' ":$PATH:" | sed "s|:$CONDA_PREFIX/bin:|:|g; s|^:||; s|:\$||")
        export PATH
    fi
    if [ -n "${_CONDA_OLD_PS1+x}" ]; then PS1=$_CONDA_OLD_PS1; unset _CONDA_OLD_PS1; fi
    unset CONDA_PREFIX CONDA_DEFAULT_ENV CONDA_PROMPT_MODIFIER
    CONDA_SHLVL=0
    export CONDA_SHLVL
}

__conda_activate() {
    __prefix=$(__conda_prefix_of "${1:-base}")
    if [ ! -d "$__prefix" ] || { [ "$__prefix" != /opt/conda ] && [ ! -x "$__prefix/bin/python" ]; }; then
        echo "EnvironmentNameNotFound: Could not find conda environment: ${1:-base}" >&2
        echo "You can list all discoverable environments with \`conda info --envs\`." >&2
        unset __prefix
        return 1
    fi
    __conda_deactivate
    __name=${1:-base}
    case "$__name" in */*) __name=$__prefix ;; esac
    PATH="$__prefix/bin:$PATH"
    CONDA_PREFIX=$__prefix
    CONDA_DEFAULT_ENV=$__name
    CONDA_PROMPT_MODIFIER="($__name) "
    CONDA_SHLVL=1
    export PATH CONDA_PREFIX CONDA_DEFAULT_ENV CONDA_PROMPT_MODIFIER CONDA_SHLVL
    if [ -n "${PS1+x}" ]; then _CONDA_OLD_PS1=$PS1; PS1="$CONDA_PROMPT_MODIFIER$PS1"; fi
    __conda_run_hooks "$__prefix/etc/conda/activate.d"
    unset __prefix __name
}

conda() {
    case "${1:-}" in
        activate) shift; __conda_activate "$@" ;;
        deactivate) shift; __conda_deactivate ;;
        *) "$CONDA_EXE" "$@" ;;
    esac
}

if [ -z "${CONDA_SHLVL+x}" ]; then
    CONDA_SHLVL=0
    export CONDA_SHLVL
fi
