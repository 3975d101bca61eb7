#!/bin/sh
# Boots one lab namespace. Started by e2e/lab/boot.ts as
#   nsenter --net=/run/netns/NS sh boot.sh net BOXDIR
#   sh boot.sh nets NS1 DIR1 NS2 DIR2 ...   (many "net" boots from one cheap shell)
#   nsenter --net=/run/netns/NS unshare --mount --uts sh boot.sh box BOXDIR HOSTNAME
# "net" configures links, addresses and sysctls (switches, head office).
# "box" also gives a gateway or host its own world, from BOXDIR/fstab: its
# /etc/hostname, an empty /root (root's real ~/.bashrc runs `pyenv init`,
# ~0.7 s per ssh command), the lab's shims on /usr/local/sbin, a sysfs that
# shows its own interfaces; then starts its sshd and becomes the `sleep`
# that holds the mount/UTS namespaces while sshd is stopped and restarted.
# Process spawns are the lab's bottleneck on 2 cores: builtins where we can.
set -eu
mode=$1
if [ "$mode" = nets ]; then
  shift
  while [ $# -ge 2 ]; do
    if [ -s "$2/sysctl.list" ]; then
      nsenter --net="/run/netns/$1" sh "$0" net "$2"
    else
      ip -n "$1" -batch "$2/ip.batch"
    fi
    shift 2
  done
  exit 0
fi
box=$2

ip -batch "$box/ip.batch"
# Lines of "/proc/sys/PATH VALUE"; /proc/sys/net is this namespace's own.
while read -r key value; do
  printf '%s\n' "$value" > "$key"
done < "$box/sysctl.list"
[ "$mode" = net ] && exit 0

printf '%s\n' "$3" > /proc/sys/kernel/hostname
mount -a -T "$box/fstab"
/usr/sbin/sshd -f "$box/sshd_config"
# sshd forks into the background before it binds port 22 and writes its pid
# file right after listen(): boot.ts waits for that file.
exec sleep infinity
