locals {
  tags = merge(var.tags, { Module = "ec2-fleet", ChatRole = var.role })
}

resource "aws_launch_template" "this" {
  name_prefix            = "${var.name}-"
  description            = "${var.role} instances of ${var.name}"
  image_id               = var.ami_id
  instance_type          = var.instance_type
  vpc_security_group_ids = var.security_group_ids
  user_data              = base64encode(var.user_data)
  update_default_version = true
  ebs_optimized          = true

  iam_instance_profile {
    name = var.iam_instance_profile_name
  }

  # IMDSv2 only. Tags are readable from the metadata service: that is how an instance learns its
  # CHAT_INSTANCE_ID / CHAT_WORKER_ID. Hop limit 1: containers run with host networking.
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
    instance_metadata_tags      = "enabled"
  }

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_type           = "gp3"
      volume_size           = var.root_volume_size
      iops                  = var.root_volume_iops
      throughput            = var.root_volume_throughput
      encrypted             = true
      kms_key_id            = var.ebs_kms_key_arn
      delete_on_termination = true
    }
  }

  monitoring {
    enabled = var.detailed_monitoring
  }

  private_dns_name_options {
    hostname_type = "ip-name"
  }

  tag_specifications {
    resource_type = "instance"
    tags          = local.tags
  }

  tag_specifications {
    resource_type = "volume"
    tags          = merge(local.tags, { Name = "${var.name}-root" })
  }

  tags = merge(local.tags, { Name = var.name })
}

resource "aws_instance" "this" {
  count = var.instance_count

  subnet_id  = element(var.subnet_ids, count.index)
  private_ip = length(var.private_ips) > 0 ? var.private_ips[count.index] : null

  launch_template {
    id      = aws_launch_template.this.id
    version = aws_launch_template.this.latest_version
  }

  tags        = merge(local.tags, { Name = "${var.name}-${count.index + 1}" }, length(var.instance_tags) > count.index ? var.instance_tags[count.index] : {})
  volume_tags = merge(local.tags, { Name = "${var.name}-${count.index + 1}-root" })

  lifecycle {
    # A new launch template version (new AMI, changed user data) does not replace running instances by
    # itself: data stores keep their data. Roll one instance at a time with
    # terraform apply -replace='module.<fleet>.aws_instance.this[<n>]'.
    ignore_changes = [launch_template]

    precondition {
      condition     = length(var.private_ips) == 0 || length(var.private_ips) == var.instance_count
      error_message = "Give one fixed private address per instance, or none."
    }
  }
}
