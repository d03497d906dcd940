variable "name" {
  type        = string
  description = "Name of the IAM role and instance profile, e.g. \"chat-prod-chat-gateway\"."

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.name))
    error_message = "IAM role names are 1-64 characters of letters, digits and +=,.@_-."
  }
}

variable "s3_object_arns" {
  type        = list(string)
  description = "S3 object ARNs (wildcards allowed) the instances may read: their own jar, dashboards. Nothing else in the bucket."
  default     = []

  validation {
    condition     = alltrue([for arn in var.s3_object_arns : can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9.-]+/.+$", arn))])
    error_message = "Each entry must be an S3 object ARN such as arn:aws:s3:::my-bucket/chat/0.1.0/chat-gateway-*.jar."
  }
}

variable "ssm_parameter_arns" {
  type        = list(string)
  description = "ARNs of the SSM parameters (secrets) the instances may read."
  default     = []

  validation {
    condition     = alltrue([for arn in var.ssm_parameter_arns : can(regex("^arn:aws[a-z-]*:ssm:[a-z0-9-]+:[0-9]{12}:parameter/.+$", arn))])
    error_message = "Each entry must be an SSM parameter ARN such as arn:aws:ssm:us-east-1:123456789012:parameter/chat/prod/jwt-secret."
  }
}

variable "kms_key_arns" {
  type        = list(string)
  description = "Customer managed KMS keys that encrypt those parameters (decrypt is allowed only through SSM). Empty when they use aws/ssm."
  default     = []

  validation {
    condition     = alltrue([for arn in var.kms_key_arns : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", arn))])
    error_message = "Each entry must be a KMS key ARN."
  }
}

variable "allow_ec2_describe" {
  type        = bool
  description = "Allow ec2:DescribeInstances / DescribeAvailabilityZones (read-only; Prometheus EC2 service discovery needs it)."
  default     = false
}

variable "tags" {
  type        = map(string)
  description = "Tags merged into every resource of this module."
  default     = {}
}
