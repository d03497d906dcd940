variable "parameter_prefix" {
  type        = string
  description = "SSM Parameter Store path under which the secrets live, e.g. \"/chat/prod\" (parameters are <prefix>/jwt-secret, <prefix>/rabbitmq-password, ...)."

  validation {
    condition     = can(regex("^(/[A-Za-z0-9_.-]+)+$", var.parameter_prefix))
    error_message = "The prefix must start with a slash and have no trailing slash, e.g. /chat/prod."
  }
}

variable "create_parameters" {
  type        = bool
  description = "Generate the secrets (random, alphanumeric) and store them as SecureString parameters. Their values then also live in the Terraform state: use an encrypted remote state. Set false to create the parameters yourself (aws ssm put-parameter) before apply; Terraform then never sees the values."
  default     = true
}

variable "kms_key_id" {
  type        = string
  description = "KMS key (ID, alias or ARN) that encrypts the SecureString parameters; null uses the AWS managed key aws/ssm."
  default     = null
}

variable "tags" {
  type        = map(string)
  description = "Tags merged into every resource of this module."
  default     = {}
}
