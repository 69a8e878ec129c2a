#!/usr/bin/env bash
# A real one-node Slurm cluster in a folder, without systemd: munged, slurmctld and slurmd as
# this user's children, with a generated slurm.conf (no accounting, no cgroups: they do not
# work in containers). Source it, then:
#   slurm_start DIR    starts the daemons, exports SLURM_CONF, waits until the node is idle
#   slurm_stop         stops them by pid (also run on EXIT by the caller's trap)
# Returns 77 from slurm_start when Slurm or munge is not installed.

slurm_start() {
  SLURM_DIR="$1"
  local tool
  for tool in munged mungekey slurmctld slurmd sbatch squeue sinfo; do
    command -v "$tool" > /dev/null || PATH="$PATH:/usr/sbin" command -v "$tool" > /dev/null ||
      { echo "slurm test: $tool is not installed (scripts/install-deps.sh --test)"; return 77; }
  done
  PATH="$PATH:/usr/sbin"
  mkdir -p "$SLURM_DIR"/{munge,state,spool,log}
  chmod 755 "$SLURM_DIR/munge"
  mungekey -c -k "$SLURM_DIR/munge/munge.key" 2> /dev/null || mungekey -c -f -k "$SLURM_DIR/munge/munge.key"
  chmod 600 "$SLURM_DIR/munge/munge.key"
  munged -F --key-file="$SLURM_DIR/munge/munge.key" --socket="$SLURM_DIR/munge/munge.socket.2" \
    --pid-file="$SLURM_DIR/munge/munged.pid" --seed-file="$SLURM_DIR/munge/munge.seed" \
    --log-file="$SLURM_DIR/log/munged.log" --force > "$SLURM_DIR/log/munged.out" 2>&1 &
  SLURM_PIDS=($!)
  # Ports from the pid, so two test runs on one machine do not collide.
  local port=$((20000 + ($$ % 20000)))
  local cpus
  cpus=$(nproc)
  cat > "$SLURM_DIR/slurm.conf" <<CONF
ClusterName=cnnlabtest
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SLURM_DIR/munge/munge.socket.2
StateSaveLocation=$SLURM_DIR/state
SlurmdSpoolDir=$SLURM_DIR/spool
SlurmctldPidFile=$SLURM_DIR/slurmctld.pid
SlurmdPidFile=$SLURM_DIR/slurmd.pid
SlurmctldLogFile=$SLURM_DIR/log/slurmctld.log
SlurmdLogFile=$SLURM_DIR/log/slurmd.log
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/filetxt
JobCompLoc=$SLURM_DIR/log/jobcomp.txt
MinJobAge=300
NodeName=localhost CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF="$SLURM_DIR/slurm.conf"
  local waited=0
  until [[ -S "$SLURM_DIR/munge/munge.socket.2" ]]; do
    sleep 0.2; waited=$((waited + 1))
    ((waited < 50)) || { echo "slurm test: munged did not start"; return 1; }
  done
  slurmctld -D -f "$SLURM_CONF" > "$SLURM_DIR/log/slurmctld.out" 2>&1 &
  SLURM_PIDS+=($!)
  slurmd -D -f "$SLURM_CONF" > "$SLURM_DIR/log/slurmd.out" 2>&1 &
  SLURM_PIDS+=($!)
  waited=0
  until [[ "$(sinfo -h -o %T 2> /dev/null)" == "idle" ]]; do
    sleep 0.5; waited=$((waited + 1))
    ((waited < 60)) || { echo "slurm test: the node did not become idle"; tail -5 "$SLURM_DIR"/log/*.log; return 1; }
  done
}

slurm_stop() {
  local i
  for ((i = ${#SLURM_PIDS[@]} - 1; i >= 0; i--)); do
    kill "${SLURM_PIDS[i]}" 2> /dev/null || true
  done
  for pid in "${SLURM_PIDS[@]}"; do
    wait "$pid" 2> /dev/null || true
  done
  SLURM_PIDS=()
}

# Waits until none of the jobs is queued or running (at most $2 seconds).
slurm_wait() {
  local jobs="$1" limit="$2" waited=0
  while [[ -n "$(squeue -h -j "$jobs" 2> /dev/null)" ]]; do
    sleep 1; waited=$((waited + 1))
    ((waited < limit)) || { echo "slurm test: jobs $jobs still queued after ${limit}s"; squeue; return 1; }
  done
}
