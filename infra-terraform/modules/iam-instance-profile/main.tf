data "aws_region" "current" {}

locals {
  tags = merge(var.tags, { Module = "iam-instance-profile" })
}

data "aws_iam_policy_document" "assume_role" {
  statement {
    sid     = "Ec2AssumesRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

# Least privilege: the minimal Session Manager permissions instead of AmazonSSMManagedInstanceCore (which
# also grants ssm:GetParameter on every parameter), plus exactly the objects and parameters this role needs.
data "aws_iam_policy_document" "instance" {
  statement {
    sid = "SessionManager"
    actions = [
      "ssm:UpdateInstanceInformation",
      "ssmmessages:CreateControlChannel",
      "ssmmessages:CreateDataChannel",
      "ssmmessages:OpenControlChannel",
      "ssmmessages:OpenDataChannel",
    ]
    resources = ["*"]
  }

  dynamic "statement" {
    for_each = length(var.s3_object_arns) > 0 ? ["artifacts"] : []

    content {
      sid       = "ReadArtifacts"
      actions   = ["s3:GetObject"]
      resources = var.s3_object_arns
    }
  }

  dynamic "statement" {
    for_each = length(var.ssm_parameter_arns) > 0 ? ["secrets"] : []

    content {
      sid       = "ReadSecrets"
      actions   = ["ssm:GetParameter", "ssm:GetParameters"]
      resources = var.ssm_parameter_arns
    }
  }

  dynamic "statement" {
    for_each = length(var.kms_key_arns) > 0 ? ["kms"] : []

    content {
      sid       = "DecryptSecretsThroughSsm"
      actions   = ["kms:Decrypt"]
      resources = var.kms_key_arns

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["ssm.${data.aws_region.current.name}.amazonaws.com"]
      }
    }
  }

  dynamic "statement" {
    for_each = var.allow_ec2_describe ? ["describe"] : []

    content {
      sid       = "ServiceDiscovery"
      actions   = ["ec2:DescribeInstances", "ec2:DescribeAvailabilityZones"]
      resources = ["*"]
    }
  }
}

resource "aws_iam_role" "this" {
  name                 = var.name
  description          = "EC2 instances of ${var.name}"
  assume_role_policy   = data.aws_iam_policy_document.assume_role.json
  max_session_duration = 3600

  tags = merge(local.tags, { Name = var.name })
}

resource "aws_iam_role_policy" "instance" {
  name   = "${var.name}-instance"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.instance.json
}

resource "aws_iam_instance_profile" "this" {
  name = var.name
  role = aws_iam_role.this.name

  tags = merge(local.tags, { Name = var.name })
}
