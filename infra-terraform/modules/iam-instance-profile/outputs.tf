output "instance_profile_name" {
  description = "Name of the instance profile to put in a launch template."
  value       = aws_iam_instance_profile.this.name
}

output "instance_profile_arn" {
  description = "ARN of the instance profile."
  value       = aws_iam_instance_profile.this.arn
}

output "role_name" {
  description = "Name of the IAM role (attach more policies to it from outside if a deployment needs them)."
  value       = aws_iam_role.this.name
}

output "role_arn" {
  description = "ARN of the IAM role."
  value       = aws_iam_role.this.arn
}
