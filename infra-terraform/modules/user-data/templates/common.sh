# ---- common boot functions (modules/user-data/templates/common.sh) ----
set -euo pipefail
exec > >(tee -a /var/log/chat-bootstrap.log | logger -t chat-bootstrap) 2>&1
echo "chat bootstrap starting at $(date -Is)"

imds_token() {
  curl -fsS -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 300'
}

# imds PATH: one IMDSv2 request (a fresh token each time: boot can take longer than a token lives)
imds() {
  curl -fsS -H "X-aws-ec2-metadata-token: $(imds_token)" "http://169.254.169.254/latest/$1"
}

# tag KEY: this instance's tag KEY (instance metadata tags are enabled in the launch template)
tag() {
  imds "meta-data/tags/instance/$1"
}

# retry ATTEMPTS COMMAND...: the NAT route or a repository may lag behind the first boot
retry() {
  local attempts=$1 n=1
  shift
  until "$@"; do
    if (( n >= attempts )); then
      echo "giving up after $n attempts: $*" >&2
      return 1
    fi
    sleep $(( n * 5 ))
    n=$(( n + 1 ))
  done
}

REGION=$(imds meta-data/placement/region)
AZ=$(imds meta-data/placement/availability-zone)
PRIVATE_IP=$(imds meta-data/local-ipv4)
export AWS_DEFAULT_REGION="$REGION"

install_docker() {
  retry 10 dnf install -y docker
  systemctl enable --now docker
}

install -d -m 0755 /etc/chat /opt/chat /opt/chat/bin
